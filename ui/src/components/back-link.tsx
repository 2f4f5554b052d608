import { backToList, hrefFor } from '../hooks/use-route';

/** Back to the runs list: on narrow screens the list and a run are separate screens. */
export function BackLink() {
  return (
    <a
      className="back-link"
      href={hrefFor('') || '/'}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        backToList();
      }}
    >
      ← Back to the list
    </a>
  );
}
