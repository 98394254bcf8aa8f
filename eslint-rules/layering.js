// The project's layering as a lint rule: which folder may import which. Import specifiers are
// resolved against the importing file, so `../../main/x.js` and `../main/x.js` count the same.
import path from 'node:path';

const SOURCE_EXTENSION = /\.(?:[cm]?js|jsx|ts|tsx)$/;

/** Test files and the folders only tests use: they may import test support. */
function isTestCode(file) {
  return /\.test\.tsx?$/.test(file) || /^(?:test-support|e2e|bench|eslint-rules)\//.test(file);
}

function under(file, folder) {
  return file === folder || file.startsWith(`${folder}/`);
}

/** What a specifier names, relative to the project root ('main/core/x'), or the bare package name. */
function resolveTarget(spec, importer, root) {
  if (!spec.startsWith('.')) return { pkg: spec };
  const absolute = path.resolve(path.dirname(path.join(root, importer)), spec);
  return { file: path.relative(root, absolute).split(path.sep).join('/').replace(SOURCE_EXTENSION, '') };
}

function isPackage(pkg, name) {
  return pkg === name || pkg.startsWith(`${name}/`);
}

/** The rule violated by `file` importing `target`, or undefined. */
export function layeringViolation(file, target) {
  if (under(file, 'renderer') && target.file && under(target.file, 'main')) return { messageId: 'rendererImportsMain' };
  if (under(file, 'shared') && target.file && (under(target.file, 'main') || under(target.file, 'renderer'))) {
    return { messageId: 'sharedImportsSide' };
  }
  if (under(file, 'main/core')) {
    if (target.pkg && isPackage(target.pkg, 'electron')) return { messageId: 'coreImportsShell' };
    if (target.file && (under(target.file, 'main/shell') || under(target.file, 'main/electron'))) return { messageId: 'coreImportsShell' };
  }
  if (!isTestCode(file) && target.file && under(target.file, 'test-support')) return { messageId: 'productionImportsTestSupport' };
  const feature = target.file?.match(/^renderer\/features\/([^/]+)(?:\/(.+))?$/);
  if (feature) {
    const [, name, inner] = feature;
    if (under(file, `renderer/features/${name}`)) return undefined;
    if (under(file, 'renderer/lib') || under(file, 'renderer/components')) return { messageId: 'lowerLayerImportsFeature' };
    if (inner !== undefined && inner !== 'index') return { messageId: 'featureInternals', data: { feature: name } };
  }
  return undefined;
}

const layering = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps Berth's layers apart (see docs/architecture.md, Layering)." },
    schema: [],
    messages: {
      rendererImportsMain:
        'The renderer may not import main/ ({{spec}}): it reaches the main side only through the bridge, and shares code through shared/.',
      sharedImportsSide: 'shared/ is the contract both sides compile against: it may not import main/ or renderer/ ({{spec}}).',
      coreImportsShell:
        'main/core stays plain Node: it may not import Electron, main/electron or main/shell ({{spec}}); those sit on top of the core.',
      productionImportsTestSupport:
        'Production code may not import test support ({{spec}}): only *.test.ts files, e2e/ and bench/ may use test-support/.',
      featureInternals:
        '{{spec}} reaches inside the {{feature}} feature: import its public entry (renderer/features/{{feature}}/index.ts) instead.',
      lowerLayerImportsFeature:
        'renderer/lib and renderer/components sit below the features and may not import one ({{spec}}); move the shared piece down.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (source) => {
      if (!source || typeof source.value !== 'string') return;
      const violation = layeringViolation(file, resolveTarget(source.value, file, root));
      if (violation) context.report({ node: source, messageId: violation.messageId, data: { spec: source.value, ...violation.data } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source.type === 'Literal' ? node.source : undefined),
    };
  },
};

export default { meta: { name: 'berth-layering' }, rules: { layering } };
