using System;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// Which file names are Dockerfiles, shared by the analyzer, the CLI and the MSBuild task so that all three
/// pick the same files.
/// </summary>
public static class DockerfileNames
{
    // Files such as Dockerfile.cs, Dockerfile.md or api.Dockerfile.json are code, documentation, data or
    // templates about a Dockerfile, not Dockerfiles: reading them as one would only produce noise.
    // Dockerfile.dockerignore is the per-Dockerfile ignore file BuildKit reads next to a Dockerfile.
    private static readonly string[] NonDockerfileExtensions =
    {
        ".cs", ".csx", ".vb", ".fs", ".fsx", ".go", ".py", ".js", ".ts", ".sh", ".ps1",
        ".csproj", ".vbproj", ".fsproj", ".props", ".targets", ".sln", ".slnx",
        ".md", ".markdown", ".rst", ".txt", ".adoc",
        ".json", ".yml", ".yaml", ".xml", ".toml", ".ini",
        ".template", ".tmpl", ".tpl", ".j2", ".jinja", ".jinja2", ".erb", ".mustache",
        ".dockerignore", ".bak", ".orig", ".rej", ".swp",
    };

    private static readonly string[] BaseNames = { "Dockerfile", "Containerfile" };

    /// <summary>
    /// True for <c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>Dockerfile-*</c>, <c>Dockerfile_*</c>, <c>*.Dockerfile</c>,
    /// <c>Containerfile</c> and <c>Containerfile.*</c>, in any case, unless the name ends in one of the source,
    /// documentation, data or template extensions above. A path is accepted; only its last segment is read.
    /// </summary>
    public static bool IsDockerfileName(string fileName)
    {
        if (fileName is null)
        {
            throw new ArgumentNullException(nameof(fileName));
        }

        var name = fileName.Substring(fileName.LastIndexOfAny(new[] { '/', '\\' }) + 1);
        if (name.Length == 0 || HasNonDockerfileExtension(name))
        {
            return false;
        }

        if (name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase) || name.Equals("Containerfile", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Length > ".Dockerfile".Length && name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var baseName in BaseNames)
        {
            if (name.Length > baseName.Length + 1 && name.StartsWith(baseName, StringComparison.OrdinalIgnoreCase))
            {
                var separator = name[baseName.Length];
                var separatorAllowed = separator == '.' || (baseName == "Dockerfile" && (separator == '-' || separator == '_'));
                if (separatorAllowed)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasNonDockerfileExtension(string name)
    {
        foreach (var extension in NonDockerfileExtensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
