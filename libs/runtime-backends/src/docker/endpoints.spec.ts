import { endpointsFor, portsFromLabel } from './endpoints';

describe('endpointsFor', () => {
  const published = new Map([[8000, 49153]]);

  it('maps each published container port to a loopback base URL', () => {
    expect(endpointsFor([8000, 3000], published, false, '127.0.0.1')).toEqual({
      8000: 'http://127.0.0.1:49153',
    });
  });

  it('reaches ports published on all interfaces through loopback', () => {
    expect(endpointsFor([8000], published, false, '0.0.0.0')).toEqual({
      8000: 'http://127.0.0.1:49153',
    });
  });

  it('uses the container ports themselves on the host network', () => {
    expect(endpointsFor([8000, 3000], new Map(), true, '127.0.0.1')).toEqual({
      8000: 'http://127.0.0.1:8000',
      3000: 'http://127.0.0.1:3000',
    });
  });
});

describe('portsFromLabel', () => {
  it('reads the ports label and tolerates its absence', () => {
    expect(portsFromLabel('8000,3000')).toEqual([8000, 3000]);
    expect(portsFromLabel(undefined)).toEqual([]);
  });
});
