using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
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
    private static readonly string[] DotEnvTemplateSuffixes = { "example", "sample", "template", "dist" };

    private static readonly (string FileName, SecretFileKind Kind)[] KindByFileName =
    {
        (".npmrc", SecretFileKind.Npmrc),
        (".yarnrc.yml", SecretFileKind.YarnRc),
        (".netrc", SecretFileKind.Netrc),
        ("_netrc", SecretFileKind.Netrc),
        (".pypirc", SecretFileKind.Pypirc),
        ("pip.conf", SecretFileKind.PipConf),
        (".git-credentials", SecretFileKind.GitCredentials),
        (".dockercfg", SecretFileKind.DockerConfig),
        ("credentials.json", SecretFileKind.GoogleCredentials),
        ("kubeconfig", SecretFileKind.Kubeconfig),
    };

    // Files whose name alone is generic ("config") but which are credentials in these directories.
    private static readonly (string Directory, string FileName, SecretFileKind Kind)[] KindByDirectoryAndFileName =
    {
        (".docker", "config.json", SecretFileKind.DockerConfig),
        (".aws", "credentials", SecretFileKind.AwsCredentials),
        (".kube", "config", SecretFileKind.Kubeconfig),
    };

    // The normalised source of the current classification (see Normalize): sources are classified one at a time per thread.
    [ThreadStatic]
    private static char[]? pathBuffer;

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

    public static SecretFileKind Classify(string sourcePath) => Classify(sourcePath.AsSpan());

    /// <summary><see cref="Classify(string)"/> of a source read where it lies, without making a string of it.</summary>
    internal static SecretFileKind Classify(ReadOnlySpan<char> chars)
    {
        if (!MayBeCredentialFile(chars))
        {
            return SecretFileKind.None;
        }

        return ClassifyNormalized(IsAscii(chars) ? NormalizeAscii(chars) : NormalizeOutsideAscii(chars.ToString()));
    }

    /// <summary>
    /// False when the source's file name rules out every credential file, read where it lies without normalising
    /// the source: nearly every COPY source (go.mod, ., src/, *.csproj) is settled so. True when the name may be one,
    /// or when a ']' in the name (which may close a bracket expression that hides a '/'), or a character below ' '
    /// (an unknown-value marker, which goes) or outside ASCII (lower-cased by the general rules) where the name is
    /// judged leaves it to <see cref="Normalize"/>. A marker elsewhere in the name only makes it shorter, and a
    /// bracket expression before the name ends before the '/' or '\\' in front of it.
    /// </summary>
    internal static bool MayBeCredentialFile(ReadOnlySpan<char> chars)
    {
        // Normalize trims the source, drops '*' and '?' and then the trailing slashes: the name ends before the last
        // character that is none of those (so it is not '*' or '?'), and starts after the '/' or '\\' before it.
        var end = chars.Length;
        while (end > 0 && IsWhiteSpace(chars[end - 1]))
        {
            end--;
        }

        while (end > 0 && chars[end - 1] is '*' or '?' or '/' or '\\')
        {
            end--;
        }

        var before = chars.Slice(0, end).LastIndexOfAny('/', '\\', ']');
        if (before >= 0 && chars[before] == ']')
        {
            return true;
        }

        var start = before + 1;
        if (before < 0)
        {
            while (start < end && IsWhiteSpace(chars[start]))
            {
                start++;
            }
        }

        // The '*' and '?' in the name only make it shorter: its length is at most this, and its other characters
        // are the normalised name's.
        if (end - start < ShortestName)
        {
            return false;
        }

        // The name's first two characters that are not '*' or '?' (the last is neither).
        var firstAt = start;
        while (chars[firstAt] is '*' or '?')
        {
            firstAt++;
        }

        var secondAt = firstAt + 1;
        while (secondAt < end && chars[secondAt] is '*' or '?')
        {
            secondAt++;
        }

        if (secondAt == end)
        {
            // One character left.
            return false;
        }

        var first = chars[firstAt];
        var second = chars[secondAt];
        var last = chars[end - 1];
        if (!IsPlainAscii(first) || !IsPlainAscii(second) || !IsPlainAscii(last))
        {
            return true;
        }

        return (StartsLikeCredentialName(first, second) && MayStartWithCredentialName(chars, secondAt + 1, end, first, second))
            || (EndsAnExtension[last] && MayEndWithCredentialExtension(chars, start, end));
    }

    // The name whose first two characters (neither '*' nor '?') are first and second and whose others are
    // chars[from, end) may start as a name recognised by name does once normalised (see NamePrefixes): told by its
    // first four characters, the few names that pass StartsLikeCredentialName (config, controller, .editorconfig)
    // are settled without the full comparison.
    private static bool MayStartWithCredentialName(ReadOnlySpan<char> chars, int from, int end, char first, char second)
    {
        var prefix = (ulong)LowerAscii(first) | ((ulong)LowerAscii(second) << 16);
        var shift = 32;
        for (var i = from; i < end && shift < 64; i++)
        {
            var c = chars[i];
            if (c is '*' or '?')
            {
                continue;
            }

            if (!IsPlainAscii(c))
            {
                return true;
            }

            prefix |= (ulong)LowerAscii(c) << shift;
            shift += 16;
        }

        // A name of fewer than four characters once normalised is none (see ShortestName).
        return shift == 64 && NamePrefixes.AsSpan().IndexOf(prefix) >= 0;
    }

    // Neither below ' ' (an unknown-value marker) nor outside ASCII (lower-cased by the general rules).
    private static bool IsPlainAscii(char c) => (uint)(c - ' ') < 0x80 - ' ';

    // char.IsWhiteSpace, without the call for the printable ASCII characters nearly every source is made of.
    private static bool IsWhiteSpace(char c) => (c <= ' ' || c >= 0x7F) && char.IsWhiteSpace(c);

    // The name chars[start, end) (its last character neither '*' nor '?') may end with a credential extension once
    // normalised: it does and is long enough for a credential file that ends so, or a '*', '?', character below ' '
    // or character outside ASCII where an extension would be leaves it open.
    private static bool MayEndWithCredentialExtension(ReadOnlySpan<char> chars, int start, int end)
    {
        for (var e = 0; e < CredentialExtensions.Length; e++)
        {
            var extension = CredentialExtensions[e];
            if (end - start < ShortestNameEndingWith[e])
            {
                continue;
            }

            var k = 1;
            for (; k <= extension.Length; k++)
            {
                var c = chars[end - k];
                if (c is '*' or '?' || !IsPlainAscii(c))
                {
                    return true;
                }

                if (LowerAscii(c) != extension[extension.Length - k])
                {
                    break;
                }
            }

            if (k > extension.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static SecretFileKind ClassifyNormalized(CharSlice path)
    {
        if (!TryGetLastSegments(path, out var directory, out var fileName)
            || fileName.Length < ShortestName
            || !(StartsLikeCredentialName(fileName[0], fileName[1]) || fileName.IsAnyEnding(CredentialExtensions))
            || IsRemote(path))
        {
            return SecretFileKind.None;
        }

        // Server host keys (ssh_host_rsa_key, ssh_host_ed25519_key.pem) belong in sshd images.
        if (fileName.StartsWith("ssh_host_"))
        {
            return SecretFileKind.None;
        }

        if (fileName.Is(".ssh"))
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

        if (KindOf(fileName, directory) is { } kind)
        {
            return kind;
        }

        if (fileName.EndsWith(JsonExtension) && fileName.Contains("service-account"))
        {
            return SecretFileKind.GoogleCredentials;
        }

        if (fileName.EndsWith(PfxExtension) || fileName.EndsWith(P12Extension))
        {
            return SecretFileKind.Certificate;
        }

        if (fileName.EndsWith(KeyExtension) || (fileName.EndsWith(PemExtension) && (fileName.Contains("key") || fileName.Contains("private"))))
        {
            return SecretFileKind.PrivateKey;
        }

        return SecretFileKind.None;
    }

    // The extensions that make a credential file whatever its name starts with.
    private const string JsonExtension = ".json";
    private const string PfxExtension = ".pfx";
    private const string P12Extension = ".p12";
    private const string KeyExtension = ".key";
    private const string PemExtension = ".pem";

    private static readonly string[] CredentialExtensions = { JsonExtension, PfxExtension, P12Extension, KeyExtension, PemExtension };

    // The shortest credential file names (.ssh, .env, x.key) have four characters.
    private const int ShortestName = 4;

    // The shortest names that are credential files by their extension alone (index: CredentialExtensions): a
    // service account's key is named so (service-account.json), and a .pem file is a key when its name says so
    // (key.pem); credentials.json and config.json are recognised by their name.
    private static readonly int[] ShortestNameEndingWith = { "service-account.json".Length, ShortestName, ShortestName, ShortestName, "key.pem".Length };

    // The names (or their starts) that make a credential file by the name alone: each has at least four characters.
    private static readonly string[] NamesRecognised = new[] { ".ssh", ".env" }
        .Concat(SshKeyFilePrefixes)
        .Concat(KindByFileName.Select(entry => entry.FileName))
        .Concat(KindByDirectoryAndFileName.Select(entry => entry.FileName))
        .ToArray();

    // The names recognised by name (.ssh, SSH keys, .env files, the tables) by their first character (index, either
    // case): the characters that come second in them (either case), as the bits (c & 63). A source whose name starts
    // otherwise and does not end with one of the extensions above is no credential file: nearly every COPY source
    // (go.mod, ., src/, *.csproj) is settled by this before any name is compared. Characters that share their low six
    // bits share a bit, which only lets a few more names on to the full comparison.
    private static readonly ulong[] SecondCharactersByFirst = NamesRecognised
        .Aggregate(new ulong[128], (table, name) =>
        {
            var seconds = (1UL << (char.ToLowerInvariant(name[1]) & 63)) | (1UL << (char.ToUpperInvariant(name[1]) & 63));
            table[char.ToLowerInvariant(name[0])] |= seconds;
            table[char.ToUpperInvariant(name[0])] |= seconds;
            return table;
        });

    // The first four characters of the names recognised by name (lower case), a character in each 16 bits from the
    // lowest.
    private static readonly ulong[] NamePrefixes = NamesRecognised
        .Select(name => name[0] | ((ulong)name[1] << 16) | ((ulong)name[2] << 32) | ((ulong)name[3] << 48))
        .Distinct()
        .ToArray();

    // The last characters of CredentialExtensions, either case, by character.
    private static readonly bool[] EndsAnExtension = CredentialExtensions.Aggregate(new bool[128], (table, extension) =>
    {
        var last = extension[extension.Length - 1];
        table[char.ToLowerInvariant(last)] = table[char.ToUpperInvariant(last)] = true;
        return table;
    });

    // A file name that starts with these two characters (either case) may be a credential file by its name.
    private static bool StartsLikeCredentialName(char first, char second) =>
        first < SecondCharactersByFirst.Length && ((SecondCharactersByFirst[first] >> (second & 63)) & 1) != 0;

    private static char LowerAscii(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

    private static SecretFileKind? KindOf(CharSlice fileName, CharSlice directory)
    {
        foreach (var (name, kind) in KindByFileName)
        {
            if (fileName.Is(name))
            {
                return kind;
            }
        }

        foreach (var (folder, name, kind) in KindByDirectoryAndFileName)
        {
            if (directory.Is(folder) && fileName.Is(name))
            {
                return kind;
            }
        }

        return null;
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

        var normalized = Normalize(sourcePath);
        if (!TryGetLastSegments(normalized, out _, out var fileNameChars) || IsRemote(normalized))
        {
            return "secret";
        }

        // .env files keep their suffix: .env.production and .env.staging are different secrets.
        var fileName = fileNameChars.ToString();
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

    private static bool IsSshPrivateKeyFileName(CharSlice fileName)
    {
        if (fileName.EndsWith(".pub"))
        {
            return false;
        }

        foreach (var prefix in SshKeyFilePrefixes)
        {
            if (fileName.StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDotEnvFileName(CharSlice fileName)
    {
        if (fileName.Is(".env"))
        {
            return true;
        }

        // An empty suffix comes from a stripped glob (.env.*), which copies every variant.
        return fileName.StartsWith(".env.") && !fileName.Slice(".env.".Length).IsAny(DotEnvTemplateSuffixes);
    }

    /// <summary>
    /// The last two segments of a normalised source (see <see cref="Normalize"/>). False for sources with no file
    /// name left; remote sources are the callers' to rule out.
    /// </summary>
    private static bool TryGetLastSegments(CharSlice path, out CharSlice directory, out CharSlice fileName)
    {
        directory = path.Slice(0, 0);
        fileName = directory;
        if (path.Length == 0)
        {
            return false;
        }

        var slash = path.LastIndexOf('/');
        fileName = path.Slice(slash + 1);
        if (slash > 0)
        {
            var parent = path.Slice(0, slash);
            directory = parent.Slice(parent.LastIndexOf('/') + 1);
        }

        return fileName.Length > 0;
    }

    private static bool IsRemote(CharSlice path) =>
        path.StartsWith("http://")
        || path.StartsWith("https://")
        || path.StartsWith("git@")
        || path.Contains("://")
        || path.EndsWith(".git");

    /// <summary>
    /// The source lower-cased, trimmed, with <c>\</c> turned into <c>/</c>, glob syntax stripped (see
    /// <see cref="StripGlobs"/>) and trailing slashes removed, in a buffer the next call reuses.
    /// </summary>
    private static CharSlice Normalize(string sourcePath)
    {
        if (!IsAscii(sourcePath))
        {
            return NormalizeOutsideAscii(sourcePath);
        }

        return NormalizeAscii(sourcePath.AsSpan());
    }

    // Lower-casing outside ASCII follows the general rules; only then does the normalised path get made as a string.
    private static CharSlice NormalizeOutsideAscii(string sourcePath)
    {
        var path = StripGlobs(sourcePath.Trim().ToLowerInvariant().Replace('\\', '/')).TrimEnd('/');
        var buffer = PathBuffer(path.Length);
        path.CopyTo(0, buffer, 0, path.Length);
        return new CharSlice(buffer, 0, path.Length);
    }

    private static char[] PathBuffer(int length) =>
        pathBuffer is { } cached && cached.Length >= length ? cached : pathBuffer = new char[Math.Max(length, 256)];

    // Normalize for an ASCII source: lower-casing is per character there.
    private static CharSlice NormalizeAscii(ReadOnlySpan<char> sourcePath)
    {
        var sourceLength = sourcePath.Length;
        var buffer = PathBuffer(sourceLength);
        var length = 0;
        var first = 0;
        var last = sourceLength;
        while (first < last && char.IsWhiteSpace(sourcePath[first]))
        {
            first++;
        }

        while (last > first && char.IsWhiteSpace(sourcePath[last - 1]))
        {
            last--;
        }

        var lastClose = last > first ? FromStart(first, sourcePath.Slice(first, last - first).LastIndexOf(']')) : -1;
        for (var i = first; i < last; i++)
        {
            var c = sourcePath[i];
            if (c == '*' || c == '?')
            {
                continue;
            }

            if (c == '[' && i < lastClose)
            {
                var close = FromStart(i + 1, sourcePath.Slice(i + 1, last - (i + 1)).IndexOf(']'));
                if (close == i + 2)
                {
                    buffer[length++] = LowerAsciiPathChar(sourcePath[i + 1]);
                }

                i = close;
                continue;
            }

            buffer[length++] = LowerAsciiPathChar(c);
        }

        while (length > 0 && buffer[length - 1] == '/')
        {
            length--;
        }

        return new CharSlice(buffer, 0, length);
    }

    private static char LowerAsciiPathChar(char c) => c == '\\' ? '/' : c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    // An index found in a slice from start on, as an index of the whole (-1 stays -1).
    private static int FromStart(int start, int found) => found < 0 ? -1 : start + found;

    private static bool IsAscii(ReadOnlySpan<char> chars)
    {
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

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
