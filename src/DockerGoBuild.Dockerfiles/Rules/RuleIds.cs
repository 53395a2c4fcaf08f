namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>Every rule id in one place.</summary>
public static class RuleIds
{
    public const string SyntaxError = "DGB000";
    public const string MissingSyntaxDirective = "DGB001";
    public const string IneffectiveParserDirective = "DGB002";
    public const string GoModuleCacheNotMounted = "DGB010";
    public const string GoBuildCacheNotMounted = "DGB011";
    public const string CacheMountTargetMismatch = "DGB012";
    public const string NuGetCacheNotMounted = "DGB020";
    public const string SecretFileCopied = "DGB030";
    public const string SecretInArgOrEnv = "DGB031";
    public const string SshKeyMountedAsSecret = "DGB032";
}
