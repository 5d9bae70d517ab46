import { OutputBuffer } from './output-buffer';

describe('OutputBuffer', () => {
  it('keeps everything under the limit and cuts at the given end', () => {
    const buffer = new OutputBuffer(100);
    buffer.append(Buffer.from('hello '));
    buffer.append(Buffer.from('world'));
    expect(buffer.text()).toBe('hello world');
    expect(buffer.text(5)).toBe('hello');
  });

  it('keeps head and tail of a flood and says how much was dropped', () => {
    const buffer = new OutputBuffer(20);
    buffer.append(Buffer.from('HEAD-----'));
    for (let i = 0; i < 100; i++) buffer.append(Buffer.from('.'));
    buffer.append(Buffer.from('-----TAIL'));
    const text = buffer.text();
    expect(text.startsWith('HEAD-----.')).toBe(true);
    expect(text.endsWith('.-----TAIL')).toBe(true);
    expect(text).toContain('[... 98 bytes of output dropped ...]');
  });

  it('cuts inside the kept tail', () => {
    const buffer = new OutputBuffer(4);
    buffer.append(Buffer.from('ab'));
    buffer.append(Buffer.from('cdefgh'));
    expect(buffer.text(7)).toBe('abcdefg');
  });
});
