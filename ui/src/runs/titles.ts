import type { InputRequest, ReceiveRequest } from '../graphql/types';

/** What a pause asks for, in words: its title (older servers send none: the class, or a go-ahead). */
export function requestTitle(request: Pick<InputRequest, 'title' | 'inputType'>): string {
  return request.title || request.inputType || 'Go-ahead';
}

/** What a receiveInput waits for, in words. */
export function receiveTitle(receiving: ReceiveRequest): string {
  return receiving.title || receiving.inputTypes.join(' or ');
}

/** Who answered, for people: the principal's id, or "Someone" when the server does not know. */
export function principalName(principal: string | null | undefined): string {
  return principal || 'Someone';
}

/** 10:02, in the reader's locale. */
export function clockTime(value: string): string {
  return new Date(value).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
