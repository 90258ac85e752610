export { EMPTY, Keywords, kw } from './arguments.js';
export { Context, ContextVar, copyContext } from './context.js';
export { AttributeError, GreenletError, GreenletExit, isExit, ValueError } from './errors.js';
export { getCurrent, greenlet, type GreenletRun } from './greenlet.js';
export { getHost, setHost, type GreenletHost } from './host.js';
export { enterHostedStep } from './hosted-step.js';
export type { Switch, SwitchValue } from './switch-op.js';
export { getTrace, setTrace, type TraceEvent, type TraceFunction } from './trace.js';
export { version } from './version.js';
