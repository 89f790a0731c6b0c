// Ink imports react-devtools-core only in DEV mode; the bundle must not need the real package.
export default { initialize() {}, connectToDevTools() {} };
