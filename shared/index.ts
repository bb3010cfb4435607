export * from "./ids";
export * from "./model";
export * from "./origin";
export * from "./presence";
export * from "./protocol";
export * from "./schema";
export * from "./text";
export * from "./validate";
