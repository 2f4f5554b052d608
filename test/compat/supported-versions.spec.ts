import { assertSupportedVersions, readInstalledVersion } from '../../src/compat/supported-versions.js';
import { UnsupportedVersionsError } from '../../src/compat/unsupported-versions.error.js';

const installed = (versions: Record<string, string>) => (name: string) => versions[name];

describe('assertSupportedVersions', () => {
  it.each([
    ['Nest 11 with @nestjs/graphql 13', '11.2.10', '11.2.10', '13.4.5'],
    ['Nest 12 with @nestjs/graphql 14', '12.4.2', '12.5.1', '14.0.3'],
  ])('accepts %s', (_, common, core, graphql) => {
    expect(() =>
      assertSupportedVersions(installed({ '@nestjs/common': common, '@nestjs/core': core, '@nestjs/graphql': graphql })),
    ).not.toThrow();
  });

  it('accepts the versions installed in this repository', () => {
    expect(() => assertSupportedVersions(readInstalledVersion)).not.toThrow();
  });

  it.each([
    ['Nest 10', '10.4.0', '10.4.0', '12.2.0', 'Nest 10 is not supported'],
    ['mixed Nest majors', '11.2.10', '12.5.1', '14.0.3', 'same major'],
    ['Nest 12 with @nestjs/graphql 13', '12.5.1', '12.5.1', '13.4.5', 'Nest 12 needs @nestjs/graphql 14'],
    ['Nest 11 with @nestjs/graphql 14', '11.2.10', '11.2.10', '14.0.3', 'Nest 11 needs @nestjs/graphql 13'],
  ])('refuses %s, naming the versions', (_, common, core, graphql, reason) => {
    const read = installed({ '@nestjs/common': common, '@nestjs/core': core, '@nestjs/graphql': graphql });
    expect(() => assertSupportedVersions(read)).toThrow(UnsupportedVersionsError);
    expect(() => assertSupportedVersions(read)).toThrow(reason);
    expect(() => assertSupportedVersions(read)).toThrow(`@nestjs/core@${core}`);
  });

  it('skips what it cannot read', () => {
    expect(() => assertSupportedVersions(installed({}))).not.toThrow();
  });
});
