using System;

namespace DockerGoBuild.Dockerfiles.Secrets;

/// <summary>
/// DGB032: spots <c>RUN --mount=type=secret</c> mounts that carry an SSH private key, where
/// <c>--mount=type=ssh</c> (agent forwarding) would keep the key out of the build entirely.
/// </summary>
public static class SecretMounts
{
    private static readonly string[] SshKeyIdPrefixes = { "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519" };

    public static bool IsSshKeySecretMount(string? target, string? id) =>
        IsSshKeyTarget(target) || IsSshKeyId(id);

    // (^|/)\.ssh/id_[^/]*$ and not *.pub: ~/.ssh/id_rsa, /root/.ssh/id_ed25519. Paths are case-sensitive.
    private static bool IsSshKeyTarget(string? target)
    {
        if (target is null || target.EndsWith(".pub", StringComparison.Ordinal))
        {
            return false;
        }

        var slash = target.LastIndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var fileName = target.Substring(slash + 1);
        var directory = target.Substring(0, slash);
        var directoryName = directory.Substring(directory.LastIndexOf('/') + 1);
        return directoryName == ".ssh" && fileName.StartsWith("id_", StringComparison.Ordinal);
    }

    // id_rsa, id_ed25519_github, ssh_key, github_ssh_private_key; not known_hosts or SIGNER_API_KEY.
    private static bool IsSshKeyId(string? id)
    {
        if (id is null || id.EndsWith(".pub", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var prefix in SshKeyIdPrefixes)
        {
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return Contains(id, "ssh") && (Contains(id, "key") || Contains(id, "private"));
    }

    private static bool Contains(string text, string word) => Chars.IndexOfIgnoringCase(text, word) >= 0;
}
