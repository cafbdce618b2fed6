// The editor's and server's shared contract (../contract), as the server's modules import it.
export * from '../contract/index.js';
