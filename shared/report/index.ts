export * from "./csv";
export * from "./html";
export * from "./labels";
export * from "./markdown";
export * from "./model";
export * from "./opendata";
export * from "./richtext";
