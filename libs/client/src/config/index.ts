export { type ClientConfig, ClientConfigError, loadClientConfig } from './client-config';
