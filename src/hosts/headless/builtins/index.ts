/**
 * Excel's built-in functions where HyperFormula lacks them or computes them differently: one HyperFormula function
 * plugin per file in this folder, listed once below. `registerBuiltins()` (called by engine.ts) replaces the engine's
 * own implementation of every function a plugin declares, so the plugin is what every formula calls.
 *
 * Each plugin's tests come from Microsoft's documented examples (test/hosts/headless/builtins/), and the fidelity
 * corpus (../shared/fidelity, `npm run fidelity`) is the acceptance test.
 */
import { HyperFormula } from 'hyperformula';
import type { FunctionPluginDefinition } from 'hyperformula';
import { ConcatPlugin } from './concat';
import { SumproductPlugin } from './sumproduct';
import { ConditionalPlugin } from './conditional';

/** Every built-in plugin, registered in this order (a later plugin's function replaces an earlier one's). */
export const BUILTIN_PLUGINS: FunctionPluginDefinition[] = [
  ConcatPlugin as unknown as FunctionPluginDefinition,
  SumproductPlugin as unknown as FunctionPluginDefinition,
  ConditionalPlugin as unknown as FunctionPluginDefinition,
];

/** enGB/enUS names of a plugin's functions: the id itself (Excel's English names). */
function translations(plugin: FunctionPluginDefinition): Record<string, Record<string, string>> {
  const names = Object.fromEntries(Object.keys(plugin.implementedFunctions).map((id) => [id, id]));
  return { enGB: names, enUS: names };
}

/** Registers every plugin of BUILTIN_PLUGINS, replacing the engine's own function of the same name. Process-wide. */
export function registerBuiltins(): void {
  const existing = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
  for (const plugin of BUILTIN_PLUGINS) {
    for (const id of Object.keys(plugin.implementedFunctions)) if (existing.has(id)) HyperFormula.unregisterFunction(id);
    HyperFormula.registerFunctionPlugin(plugin, translations(plugin) as never);
  }
}
