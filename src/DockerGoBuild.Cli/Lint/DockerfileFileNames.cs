namespace DockerGoBuild.Cli.Lint;

/// <summary>
/// Decides from a file's name alone whether a folder search should lint it.
/// Kept in the CLI until the core library's DockerfileNames lands, so that swapping is a one-line change.
/// </summary>
internal static class DockerfileFileNames
{
    /// <summary>Each base name, and the characters that may join it to a variant suffix (Dockerfile.dev, Dockerfile-windows).</summary>
    private static readonly (string BaseName, string Separators)[] Families =
    {
        ("Dockerfile", ".-_"),
        ("Containerfile", "."),
    };

    // Names like Dockerfile.md or Dockerfile.json are documentation or tooling beside a Dockerfile, not Dockerfiles.
    private static readonly string[] ExcludedExtensions =
    {
        ".cs", ".vb", ".fs", ".md", ".json", ".yml", ".yaml", ".xml", ".sh", ".ps1", ".py", ".go",
    };

    public static bool IsDockerfileName(string fileName)
    {
        if (ExcludedExtensions.Any(extension => fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return fileName.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase)
            || Families.Any(family => IsBaseNameOrVariant(fileName, family.BaseName, family.Separators));
    }

    private static bool IsBaseNameOrVariant(string fileName, string baseName, string separators)
    {
        if (!fileName.StartsWith(baseName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return fileName.Length == baseName.Length
            || (fileName.Length > baseName.Length + 1 && separators.Contains(fileName[baseName.Length]));
    }
}
