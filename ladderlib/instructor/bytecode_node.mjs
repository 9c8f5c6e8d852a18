// Compile Python sources to bytecode with Pyodide's own interpreter, under Node.js.
// Run by ladderlib/instructor/bytecode.py at build time:
//     node bytecode_node.mjs <pyodide package folder> <tree> <bytecode.py>
// <tree> is mounted at /tree; bytecode.py's compile_tree("/tree") prints a JSON summary.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, tree, module] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.FS.mkdirTree("/tree");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: tree }, "/tree");
pyodide.runPython(readFileSync(module, "utf8"));
console.log(pyodide.runPython('compile_tree("/tree")'));
