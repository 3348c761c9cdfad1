export * from "./enums";
export * from "./organs";
export * from "./users";
export * from "./settings";
export * from "./audit";
export * from "./cases";
export * from "./filing";
export * from "./handling";
