import { request as httpRequest } from 'node:http';

/** The status of a GET for `path` sent verbatim: fetch (and http.get with a URL) would normalise '..' away first. */
export function rawGetStatus(origin: string, path: string): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, method: 'GET' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject).end();
  });
}
