import { useEffect, useRef, useState } from 'react';
import { WAITING_STATES, type FlowRunDetail } from '../graphql/types';
import { requestTitle } from '../runs/titles';

/**
 * What became of an answer, kept on screen until the person leaves the run:
 * `sent` their answer resumed the run; `input-sent` their input went to a receiving run;
 * `beaten` the pause was answered (or closed) by someone else first — while they were sending
 * (`whileSending`), or while the form was open.
 */
export interface Outcome {
  id: number;
  /** The pause key (a receive's outcomes get a key of their own). */
  key: string;
  title: string;
  kind: 'sent' | 'input-sent' | 'beaten';
  whileSending: boolean;
  /** Move the keyboard focus to the message (after the person's own action, or when the form vanished under it). */
  focus: boolean;
}

/**
 * The run's answer outcomes. Watches the pause the form shows: when it goes away and this page
 * did not send the answer, someone else did (or the run moved on), and that is said instead of
 * the form silently vanishing. The live update may arrive before the mutation's own response,
 * so a pause with an answer in flight is left to that response.
 */
export function useAnswerOutcomes(run: FlowRunDetail | null) {
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const shown = useRef<{ key: string; title: string } | null>(null);
  /** Pauses this page answered or is answering, with their titles. */
  const mine = useRef(new Map<string, string>());
  const nextId = useRef(0);

  const add = (outcome: Omit<Outcome, 'id'>) =>
    setOutcomes((list) => [...list.filter((item) => item.key !== outcome.key), { ...outcome, id: ++nextId.current }]);

  useEffect(() => {
    if (!run) return;
    const waiting = WAITING_STATES.includes(run.state) ? run.inputRequest : null;
    const previous = shown.current;
    if (previous && previous.key !== waiting?.key && !mine.current.has(previous.key)) {
      const focusLost = !document.activeElement || document.activeElement === document.body;
      add({ key: previous.key, title: previous.title, kind: 'beaten', whileSending: false, focus: focusLost });
    }
    shown.current = waiting ? { key: waiting.key, title: requestTitle(waiting) } : null;
  }, [run]);

  return {
    outcomes,
    /** An answer to pause `key` is on its way. */
    sending(key: string, title: string): void {
      mine.current.set(key, title);
    },
    sent(key: string, title: string): void {
      add({ key, title, kind: 'sent', whileSending: true, focus: true });
    },
    /** CONFLICT: the pause was no longer waiting when the answer arrived. */
    beaten(key: string, title: string): void {
      add({ key, title, kind: 'beaten', whileSending: true, focus: true });
    },
    /** The answer did not get through (invalid, offline): the form stays, unless the pause went meanwhile. */
    failed(key: string): void {
      const title = mine.current.get(key) ?? key;
      mine.current.delete(key);
      if (shown.current?.key !== key) add({ key, title, kind: 'beaten', whileSending: false, focus: true });
    },
    /** This page cancels the run: the pause going away is no one else's doing. */
    closing(): void {
      if (shown.current) mine.current.set(shown.current.key, shown.current.title);
    },
    inputSent(title: string): void {
      add({ key: `input-${nextId.current + 1}`, title, kind: 'input-sent', whileSending: true, focus: true });
    },
  };
}

export type AnswerOutcomes = ReturnType<typeof useAnswerOutcomes>;
