// Node flags for the test workers of every project that starts PGlite.
//
// Where the CPU has memory protection keys (AMD EPYC, recent Intel Xeon: this machine among them),
// V8 uses them to guard its JIT code pages, and keeps a process-wide map of those pages. With
// PGlite's WebAssembly compiled and freed again and again across many instances and worker
// threads, as a test run does, that map can miss and V8 aborts the whole worker ("Check failed:
// jit_page.has_value()", nodejs/node#64500). The test workers turn the protection off; the server's
// own start script keeps it on.
export const testWorkerExecArgv = ['--no-memory-protection-keys'];
