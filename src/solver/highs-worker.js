/**
 * HiGHS (WebAssembly) in a Node worker thread. The worker receives a model as sparse arrays (ModelData), solves it and
 * posts back the status, objective, MIP dual bound and column values. It always disposes the native model.
 * Plain JavaScript on purpose: it runs unchanged under node, tsx and jest, with no TypeScript loader in the worker.
 * A solver abort kills the WebAssembly instance, so callers terminate the worker and start a new one
 * (src/solver/territory-highs.ts).
 */
const { parentPort, isMainThread } = require('worker_threads');

let highsPromise = null;

function loadHighs() {
  if (!highsPromise) highsPromise = require('highs')();
  return highsPromise;
}

/** Solves one model; request: { model, options, start? }. */
async function solveRequest(request) {
  const highs = await loadHighs();
  const model = highs.createModel(request.model);
  try {
    model.options.set(Object.assign({ output_flag: false }, request.options || {}));
    if (request.start) model.setSolution({ colValue: request.start });
    const t0 = Date.now();
    model.run();
    const status = model.getModelStatus();
    const names = Object.keys(highs.constants.modelStatus);
    const statusName = names.find((k) => highs.constants.modelStatus[k] === status) || String(status);
    const info = (name) => {
      try {
        const v = model.info.get(name);
        return typeof v === 'bigint' ? Number(v) : v;
      } catch {
        return null;
      }
    };
    const primal = info('primal_solution_status');
    const hasSolution = primal === 2 || statusName === 'optimal';
    return {
      status: statusName,
      objective: hasSolution ? model.getObjectiveValue() : null,
      colValue: hasSolution ? Array.from(model.getSolution().colValue) : null,
      mipDualBound: info('mip_dual_bound'),
      mipGap: info('mip_gap'),
      runMs: Date.now() - t0,
    };
  } finally {
    model.dispose();
  }
}

if (!isMainThread && parentPort) {
  parentPort.on('message', (msg) => {
    solveRequest(msg.request).then(
      (result) => parentPort.postMessage({ id: msg.id, result }),
      (err) => parentPort.postMessage({ id: msg.id, error: String((err && err.message) || err) }),
    );
  });
}

module.exports = { solveRequest };
