import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface WatchTarget {
  /**
   * A directory watched with its subdirectories (templates) ... Each directory gets its own watcher:
   * a directory watch sees a file replaced by a rename (sed -i, git checkout, editors' safe writes)
   * every time, where a recursive watch follows the first inode and misses later saves.
   */
  dir?: string;
  /** ... or single files, watched through their directory so editors that replace files are seen. */
  files?: string[];
}

/**
 * Watches directories and files and calls `onChange` once per burst of events (debounced),
 * with the set of paths that changed. Returns a function that stops watching.
 */
export function watchPaths(
  targets: WatchTarget[],
  onChange: (changed: string[]) => void,
  debounceMs = 100,
): () => void {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const pending = new Set<string>();
  const fire = (path: string) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending.clear();
      onChange(changed);
    }, debounceMs);
  };
  const add = (path: string, recursive: boolean, filter?: (name: string) => boolean) => {
    try {
      const watcher = watch(path, { recursive }, (_event, name) => {
        const file = name ? `${path}/${name}` : path;
        if (!filter || (name && filter(basename(String(name))))) fire(file);
      });
      // A deleted directory must not crash the server; the next build reports the missing files.
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Missing path: nothing to watch, the build shows the error.
    }
  };
  const filesByDir = new Map<string, Set<string>>();
  const addTree = (dir: string) => {
    add(dir, false);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        if (statSync(path).isDirectory()) addTree(path);
      } catch {
        // Gone between the listing and the stat: nothing to watch.
      }
    }
  };
  for (const target of targets) {
    if (target.dir) addTree(target.dir);
    for (const file of target.files ?? []) {
      const dir = dirname(file);
      const names = filesByDir.get(dir) ?? new Set<string>();
      names.add(basename(file));
      filesByDir.set(dir, names);
    }
  }
  for (const [dir, names] of filesByDir) add(dir, false, (name) => names.has(name));
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
