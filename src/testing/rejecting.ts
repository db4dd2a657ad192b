// The block forms of the assertions return a promise; misuse found before the block runs
// (wrong mode, bad options) must reject that promise too, not throw past it.

export function rejecting<T>(fn: () => T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
