export { createSafeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';
export { createTestCipher, type TestCipherOptions } from './test-cipher';
