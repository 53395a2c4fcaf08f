namespace DockerGoBuild.Dockerfiles.Secrets;

/// <summary>What kind of credential file a COPY/ADD source names (DGB030).</summary>
public enum SecretFileKind
{
    None,
    SshPrivateKey,
    SshDirectory,
    DotEnv,
    Npmrc,
    YarnRc,
    Netrc,
    Pypirc,
    PipConf,
    GitCredentials,
    DockerConfig,
    AwsCredentials,
    GoogleCredentials,
    Kubeconfig,

    /// <summary>A PKCS#12 bundle (<c>.pfx</c>, <c>.p12</c>), which carries a private key.</summary>
    Certificate,

    /// <summary><c>*.key</c>, or a <c>.pem</c> whose name says key or private.</summary>
    PrivateKey,
}
