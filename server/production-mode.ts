// Imported first by the server entry points: React and Remix pick their production builds
// from NODE_ENV when they are loaded. APP_ENV (development, test, production) is about the
// deployment (embedded servers, demo data, cookies); the code always runs optimised unless
// someone asks for NODE_ENV=development explicitly.
process.env.NODE_ENV ??= 'production'
export {}
