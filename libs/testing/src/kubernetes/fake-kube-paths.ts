import { kindOf } from './fake-kube-checks';

/** What a request path addresses in the fake's namespace. */
export interface KubeTarget {
  /** `v1` (under /api/v1) or `batch/v1` (under /apis/batch/v1); '' outside both. */
  apiVersion: string;
  resource: string;
  /** The object's name; '' for the collection. */
  name: string;
  /** The kind the collection holds there; undefined when the fake does not serve it. */
  kind: string | undefined;
  /** Method, `list` or `one`, and any subresource: `GET one/log`, `POST list`. */
  verb: string;
}

const GROUPS: Record<string, string> = { v1: '/api/v1', 'batch/v1': '/apis/batch/v1' };

export function targetOf(method: string, path: string, namespace: string): KubeTarget {
  for (const [apiVersion, root] of Object.entries(GROUPS)) {
    const prefix = `${root}/namespaces/${namespace}/`;
    if (!path.startsWith(prefix)) continue;
    const [resource = '', name = '', sub] = path.slice(prefix.length).split('/');
    const verb = `${method} ${name === '' ? 'list' : 'one'}${sub ? `/${sub}` : ''}`;
    return { apiVersion, resource, name, kind: kindOf(resource, apiVersion), verb };
  }
  return { apiVersion: '', resource: '', name: '', kind: undefined, verb: method };
}
