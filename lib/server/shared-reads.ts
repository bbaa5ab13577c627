/**
 * One read per key for everyone who asks at about the same time. A caller joins a read that has
 * not started yet, never one already in flight: that one may have read before the caller's request
 * arrived (before it joined its rooms, say), and would hand it facts older than its request. So a
 * key has at most one read running and one waiting; the waiting one starts when the running one
 * ends, for every caller that joined it. A lone caller starts its read at once.
 *
 * The read runs with the argument of the caller who started it: arguments of one key must be
 * interchangeable. The result is shared by reference: callers must not mutate it.
 */
export type SharedRead<A, T> = (argument: A) => Promise<T>;

/** A key is in the map while its read runs; `waiting` is the next read, with its callers, until it starts. */
interface KeyState<T> {
  waiting: { promise: Promise<T>; start(): void } | null;
}

export function createSharedRead<A, T>(keyOf: (argument: A) => string, read: (argument: A) => Promise<T>): SharedRead<A, T> {
  const keys = new Map<string, KeyState<T>>();

  function run(key: string, argument: A, state: KeyState<T>): Promise<T> {
    // A read that throws instead of rejecting must still hand the key on.
    let reading: Promise<T>;
    try {
      reading = read(argument);
    } catch (error) {
      reading = Promise.reject(error);
    }
    const finish = () => finished(key, state);
    reading.then(finish, finish);
    return reading;
  }

  function finished(key: string, state: KeyState<T>) {
    const next = state.waiting;
    state.waiting = null;
    if (next) next.start();
    else keys.delete(key);
  }

  return (argument) => {
    const key = keyOf(argument);
    const state = keys.get(key);
    if (!state) {
      const fresh: KeyState<T> = { waiting: null };
      keys.set(key, fresh);
      return run(key, argument, fresh);
    }
    if (!state.waiting) {
      let start!: () => void;
      const promise = new Promise<T>((resolve, reject) => {
        start = () => run(key, argument, state).then(resolve, reject);
      });
      state.waiting = { promise, start };
    }
    return state.waiting.promise;
  };
}
