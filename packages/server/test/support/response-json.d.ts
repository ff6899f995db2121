// In tests, response bodies are checked against the spec by the validator before assertions read
// them, so reading them as `any` is safe and keeps the assertions short.
interface Response {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  json(): Promise<any>;
}
