namespace Intelligence.Ingestion.Safety;

/// <summary>
/// Directories a file source may read under. Paths are compared after resolving "..", and every symbolic link on the
/// way, so neither `/allowed/../etc/passwd` nor a link inside an allowed folder reaches out of it.
/// </summary>
public static class FileRoots
{
    public static bool Contains(IReadOnlyList<string> roots, string path)
    {
        if (roots.Count == 0 || string.IsNullOrWhiteSpace(path)) return false;
        var real = RealPath(path);
        return roots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(RealPath).Any(root =>
            real == root || real.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>The path with "." and ".." removed and every symbolic link replaced by its target (like realpath(3)).</summary>
    public static string RealPath(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        if (depth > 40) return full; // a link loop: compare the unresolved path, which is not under any root unless it really is
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            current = info.LinkTarget is { } target
                ? RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1)
                : next;
        }
        return current;
    }
}
