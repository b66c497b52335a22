// Merged into @jupyterlab/builder's webpack configuration. Webpack's default ("deterministic") module ids hash
// the container entry's absolute source path, so the same sources built in two folders gave different bytes;
// named ids are relative to the package, so the build is the same from any folder.
module.exports = {
  optimization: {
    moduleIds: 'named'
  }
};
