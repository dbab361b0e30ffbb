/**
 * Starts the test suite's mock Hugging Face Hub on 127.0.0.1 (default port 8765) with the
 * generated fixtures, for trying the CLI (HF_ENDPOINT=http://127.0.0.1:8765) or the page (set the
 * Hub endpoint in the model box to that address) without a network. Stops on Ctrl-C.
 */
import { fixtureRepos } from '../test/hub/fixture-models';
import { startMockHub } from '../test/hub/mock-hub';

const port = Number(process.argv[2] ?? '8765');
const hub = await startMockHub(port);
console.log(`mock Hub at ${hub.url}`);
for (const repo of fixtureRepos()) console.log(`  ${repo.id}${repo.gated ? ' (gated)' : ''}`);
process.on('SIGINT', () => void hub.close().then(() => process.exit(0)));
