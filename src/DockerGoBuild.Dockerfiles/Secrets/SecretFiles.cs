using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Secrets;

/// <summary>
/// DGB030: recognises credential files in a COPY/ADD source as written, globs and directories included.
/// Only the last two path segments matter, compared case-insensitively.
/// </summary>
public static class SecretFiles
{
    private static readonly string[] SshKeyFilePrefixes = { "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519" };

    // .env.example and friends are committed templates without real values.
    private static readonly HashSet<string> DotEnvTemplateSuffixes = new(StringComparer.Ordinal)
    {
        "example", "sample", "template", "dist",
    };

    private static readonly Dictionary<string, SecretFileKind> KindByFileName = new(StringComparer.Ordinal)
    {
        [".npmrc"] = SecretFileKind.Npmrc,
        [".yarnrc.yml"] = SecretFileKind.YarnRc,
        [".netrc"] = SecretFileKind.Netrc,
        ["_netrc"] = SecretFileKind.Netrc,
        [".pypirc"] = SecretFileKind.Pypirc,
        ["pip.conf"] = SecretFileKind.PipConf,
        [".git-credentials"] = SecretFileKind.GitCredentials,
        [".dockercfg"] = SecretFileKind.DockerConfig,
        ["credentials.json"] = SecretFileKind.GoogleCredentials,
        ["kubeconfig"] = SecretFileKind.Kubeconfig,
    };

    // Files whose name alone is generic ("config") but which are credentials in these directories.
    private static readonly Dictionary<string, SecretFileKind> KindByDirectoryAndFileName = new(StringComparer.Ordinal)
    {
        [".docker/config.json"] = SecretFileKind.DockerConfig,
        [".aws/credentials"] = SecretFileKind.AwsCredentials,
        [".kube/config"] = SecretFileKind.Kubeconfig,
    };

    private static readonly Dictionary<SecretFileKind, string> FixedSecretIds = new()
    {
        [SecretFileKind.SshDirectory] = "ssh",
        [SecretFileKind.Npmrc] = "npmrc",
        [SecretFileKind.YarnRc] = "yarnrc",
        [SecretFileKind.Netrc] = "netrc",
        [SecretFileKind.Pypirc] = "pypirc",
        [SecretFileKind.PipConf] = "pipconf",
        [SecretFileKind.GitCredentials] = "git-credentials",
        [SecretFileKind.DockerConfig] = "dockerconfig",
        [SecretFileKind.AwsCredentials] = "aws",
        [SecretFileKind.Kubeconfig] = "kubeconfig",
    };

    private static readonly IReadOnlyList<string> GitTools = Tools("git", "go", "ssh");
    private static readonly IReadOnlyList<string> NodeTools = Tools("npm", "yarn", "pnpm");
    private static readonly IReadOnlyList<string> PythonTools = Tools("pip", "pip3", "twine");
    private static readonly IReadOnlyList<string> AwsTools = Tools("aws");
    private static readonly IReadOnlyList<string> NoTools = Tools();

    public static SecretFileKind Classify(string sourcePath)
    {
        if (!TryGetLastSegments(sourcePath, out var directory, out var fileName))
        {
            return SecretFileKind.None;
        }

        // Server host keys (ssh_host_rsa_key, ssh_host_ed25519_key.pem) belong in sshd images.
        if (fileName.StartsWith("ssh_host_", StringComparison.Ordinal))
        {
            return SecretFileKind.None;
        }

        if (fileName == ".ssh")
        {
            return SecretFileKind.SshDirectory;
        }

        if (IsSshPrivateKeyFileName(fileName))
        {
            return SecretFileKind.SshPrivateKey;
        }

        if (IsDotEnvFileName(fileName))
        {
            return SecretFileKind.DotEnv;
        }

        if (KindByFileName.TryGetValue(fileName, out var kind)
            || KindByDirectoryAndFileName.TryGetValue(directory + "/" + fileName, out kind))
        {
            return kind;
        }

        if (fileName.EndsWith(".json", StringComparison.Ordinal) && fileName.IndexOf("service-account", StringComparison.Ordinal) >= 0)
        {
            return SecretFileKind.GoogleCredentials;
        }

        if (fileName.EndsWith(".pfx", StringComparison.Ordinal) || fileName.EndsWith(".p12", StringComparison.Ordinal))
        {
            return SecretFileKind.Certificate;
        }

        if (fileName.EndsWith(".key", StringComparison.Ordinal)
            || (fileName.EndsWith(".pem", StringComparison.Ordinal)
                && (fileName.IndexOf("key", StringComparison.Ordinal) >= 0 || fileName.IndexOf("private", StringComparison.Ordinal) >= 0)))
        {
            return SecretFileKind.PrivateKey;
        }

        return SecretFileKind.None;
    }

    /// <summary>
    /// A short, stable id for <c>RUN --mount=type=secret,id=...</c>: fixed for well-known files,
    /// otherwise derived from the file name (<c>.env.production</c> gives <c>env-production</c>,
    /// <c>server.key</c> gives <c>server</c>).
    /// </summary>
    public static string SuggestedSecretId(SecretFileKind kind, string sourcePath)
    {
        if (FixedSecretIds.TryGetValue(kind, out var fixedId))
        {
            return fixedId;
        }

        if (!TryGetLastSegments(sourcePath, out _, out var fileName))
        {
            return "secret";
        }

        // .env files keep their suffix: .env.production and .env.staging are different secrets.
        var id = ToSecretId(kind == SecretFileKind.DotEnv ? fileName : WithoutExtension(fileName));
        return id.Length > 0 ? id : "secret";
    }

    /// <summary>The commands that read this kind of file, so a rule can tell whether a RUN needs it.</summary>
    public static IReadOnlyList<string> ToolsReading(SecretFileKind kind) => kind switch
    {
        SecretFileKind.SshPrivateKey or SecretFileKind.SshDirectory or SecretFileKind.Netrc or SecretFileKind.GitCredentials => GitTools,
        SecretFileKind.Npmrc or SecretFileKind.YarnRc => NodeTools,
        SecretFileKind.Pypirc or SecretFileKind.PipConf => PythonTools,
        SecretFileKind.AwsCredentials => AwsTools,
        _ => NoTools,
    };

    private static bool IsSshPrivateKeyFileName(string fileName)
    {
        if (fileName.EndsWith(".pub", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var prefix in SshKeyFilePrefixes)
        {
            if (fileName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDotEnvFileName(string fileName)
    {
        if (fileName == ".env")
        {
            return true;
        }

        // An empty suffix comes from a stripped glob (.env.*), which copies every variant.
        return fileName.StartsWith(".env.", StringComparison.Ordinal)
            && !DotEnvTemplateSuffixes.Contains(fileName.Substring(".env.".Length));
    }

    /// <summary>
    /// Lower-cases the source, strips glob syntax (see <see cref="StripGlobs"/>), turns <c>\</c> into
    /// <c>/</c>, ignores trailing slashes and returns the last two segments. False for remote sources
    /// and for sources with no file name left.
    /// </summary>
    private static bool TryGetLastSegments(string sourcePath, out string directory, out string fileName)
    {
        directory = string.Empty;
        fileName = string.Empty;
        var path = StripGlobs(sourcePath.Trim().ToLowerInvariant().Replace('\\', '/')).TrimEnd('/');
        if (path.Length == 0 || IsRemote(path))
        {
            return false;
        }

        var slash = path.LastIndexOf('/');
        fileName = path.Substring(slash + 1);
        if (slash > 0)
        {
            var parent = path.Substring(0, slash);
            directory = parent.Substring(parent.LastIndexOf('/') + 1);
        }

        return fileName.Length > 0;
    }

    private static bool IsRemote(string path) =>
        path.StartsWith("http://", StringComparison.Ordinal)
        || path.StartsWith("https://", StringComparison.Ordinal)
        || path.StartsWith("git@", StringComparison.Ordinal)
        || path.IndexOf("://", StringComparison.Ordinal) >= 0
        || path.EndsWith(".git", StringComparison.Ordinal);

    // "[c]" keeps its one character: ".npmr[c]" is the usual way to COPY a file only if it exists.
    // Any other bracket expression stands for an unknown character and goes; an unclosed "[" is literal.
    private static string StripGlobs(string path)
    {
        var lastClose = path.LastIndexOf(']');
        var result = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '*' || c == '?')
            {
                continue;
            }

            if (c == '[' && i < lastClose)
            {
                // Jumping past the "]" keeps the scan linear however many "[" there are.
                var close = path.IndexOf(']', i + 1);
                if (close == i + 2)
                {
                    result.Append(path[i + 1]);
                }

                i = close;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static string WithoutExtension(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot > 0 ? fileName.Substring(0, dot) : fileName;
    }

    // Keeps [a-z0-9_-]; anything else becomes "-", and leading/trailing "-" (from ".env") go.
    private static string ToSecretId(string name)
    {
        var id = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            id.Append(keep ? c : '-');
        }

        return id.ToString().Trim('-');
    }

    private static IReadOnlyList<string> Tools(params string[] commands) => new ReadOnlyCollection<string>(commands);
}
