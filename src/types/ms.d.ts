// ms 2.1.3 ships no types (and @types/ms is not a dependency): the one call nestflow makes.
declare module 'ms' {
  /** Milliseconds in a duration string such as `'30d'`; undefined when it cannot parse it. */
  function ms(value: string): number | undefined;
  export = ms;
}
