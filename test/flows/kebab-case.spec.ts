import { kebabCase } from '../../src/flows/kebab-case.js';

describe('kebabCase', () => {
  it.each([
    ['greetUser', 'greet-user'],
    ['getShirtOrder', 'get-shirt-order'],
    ['getHTTPStatus', 'get-http-status'],
    ['HTTPServer', 'http-server'],
    ['parseXMLDocument2', 'parse-xml-document2'],
    ['order2Ship', 'order2-ship'],
    ['run', 'run'],
    ['already-kebab', 'already-kebab'],
    ['snake_case_name', 'snake-case-name'],
    ['with spaces', 'with-spaces'],
    ['ABC', 'abc'],
  ])('%s -> %s', (input, expected) => {
    expect(kebabCase(input)).toBe(expected);
  });
});
