import { createContext, useContext } from 'react';

/**
 * A context that fails loudly: a part used outside its root throws a message naming both, instead of
 * rendering with silent defaults (the Radix pattern).
 */
export function createStrictContext<Value>(rootName: string) {
  const Context = createContext<Value | null>(null);
  Context.displayName = `${rootName}Context`;
  function useStrictContext(consumerName: string): Value {
    const value = useContext(Context);
    if (value === null) throw new Error(`\`${consumerName}\` must be used within \`${rootName}\``);
    return value;
  }
  return [Context.Provider, useStrictContext] as const;
}
