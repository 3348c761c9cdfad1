// Vitest 3.2's BaseSequencer.sort orders files by cached results (failed first, then longest first; unknown files
// first, larger first) — NOT by name. The browser suite needs a fixed order: zz-log-scan.test.ts must run last,
// after every other file has written to the server log.
import { BaseSequencer, type TestSpecification } from "vitest/node";

export class AlphabeticalSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  }
}
