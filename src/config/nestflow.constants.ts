/** Injection token of the resolved `NestflowModuleOptions`. */
export const NESTFLOW_OPTIONS = Symbol('nestflow:options');
