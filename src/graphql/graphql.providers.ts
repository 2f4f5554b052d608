export const graphqlProviders: import('@nestjs/common').Provider[] = [];
