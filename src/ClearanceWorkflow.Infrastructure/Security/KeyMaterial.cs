using System.Security.Cryptography;
using ClearanceWorkflow.Application.Audit;
using Microsoft.Extensions.Configuration;

namespace ClearanceWorkflow.Infrastructure.Security;

public sealed record AuthSettings(string Issuer, string Audience, byte[]? SigningKey, string? PublicKeyPem, string? Authority);

/// <summary>
/// Every secret the service needs, resolved once at startup. In Development with nothing configured,
/// local keys are created in the data folder; anywhere else a missing key is a startup error that
/// names the setting.
/// </summary>
public sealed record KeyMaterial(
    AuthSettings Auth, IReadOnlyDictionary<string, byte[]> DataKeys, string ActiveDataKeyId, byte[] BlindIndexKey,
    IReadOnlyDictionary<string, byte[]> LedgerKeys, string ActiveLedgerKeyId, IReadOnlyDictionary<string, byte[]> LedgerVerifyingKeys)
{
    public const string LocalIssuer = "clearance-workflow-local";
    public const string LocalAudience = "clearance-workflow";
    public const string LocalDataKeyId = "local-1";
    public const string LocalLedgerKeyId = "local-1";

    public static KeyMaterial Resolve(IConfiguration configuration, bool isDevelopment, string dataPath)
    {
        var local = new LocalKeyStore(Path.Combine(dataPath, "keys"));
        return new KeyMaterial(
            ResolveAuth(configuration, isDevelopment, local),
            ResolveDataKeys(configuration, isDevelopment, local, out var active),
            active,
            Base64Key(configuration["BlindIndex:Key"], "BlindIndex__Key")
                ?? (isDevelopment ? local.GetOrCreate("blind-index") : throw Missing("BlindIndex__Key", "a base64 key of at least 32 bytes")),
            ResolveLedgerKeys(configuration, isDevelopment, local, out var activeLedger, out var verifyingOnly),
            activeLedger,
            verifyingOnly);
    }

    /// <summary>The audit ledger's keys, as ECDSA objects (the caller owns them): the signing keys, and the retired ones by their public key.</summary>
    public IReadOnlyDictionary<string, ECDsa> LedgerSigningKeys()
    {
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var (id, pkcs8) in LedgerKeys)
        {
            keys[id] = ECDsa.Create();
            keys[id].ImportPkcs8PrivateKey(pkcs8, out _);
        }

        foreach (var (id, spki) in LedgerVerifyingKeys)
        {
            keys[id] = ECDsa.Create();
            keys[id].ImportSubjectPublicKeyInfo(spki, out _);
        }

        return keys;
    }

    /// <summary><c>Ledger__SigningKeys__{id}</c>: ECDSA P-256 private keys, PKCS#8, PEM or base64 DER; stored as PKCS#8 DER.</summary>
    /// <remarks>
    /// <c>Ledger__VerifyingKeys__{id}</c>: a retired key's public half (SubjectPublicKeyInfo, PEM or base64 DER), so that the
    /// blocks it signed still verify after its private key is destroyed.
    /// </remarks>
    private static Dictionary<string, byte[]> ResolveLedgerKeys(
        IConfiguration configuration, bool isDevelopment, LocalKeyStore local, out string active, out Dictionary<string, byte[]> verifyingOnly)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var child in configuration.GetSection("Ledger:SigningKeys").GetChildren())
        {
            keys[LedgerKeyId(child.Key, "SigningKeys")] = LedgerKey(child.Value, $"Ledger__SigningKeys__{child.Key}", isPrivate: true);
        }

        verifyingOnly = [];
        if (keys.Count == 0)
        {
            if (!isDevelopment)
            {
                throw Missing("Ledger__SigningKeys__{id} and Ledger__ActiveKeyId", "the ECDSA P-256 private keys (PKCS#8) that sign the audit ledger");
            }

            keys[LocalLedgerKeyId] = local.GetOrCreate("ledger-" + LocalLedgerKeyId, () =>
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return key.ExportPkcs8PrivateKey();
            });
        }

        // After Development's local key: a retired key named as it would otherwise replace it.
        foreach (var child in configuration.GetSection("Ledger:VerifyingKeys").GetChildren())
        {
            if (keys.ContainsKey(child.Key))
            {
                throw new InvalidOperationException(
                    $"Ledger__VerifyingKeys__{child.Key} and Ledger__SigningKeys__{child.Key} name the same key: a retired key is given by its public key alone.");
            }

            verifyingOnly[LedgerKeyId(child.Key, "VerifyingKeys")] = LedgerKey(child.Value, $"Ledger__VerifyingKeys__{child.Key}", isPrivate: false);
        }

        active = configuration["Ledger:ActiveKeyId"] is { Length: > 0 } id ? id : keys.Count == 1 ? keys.Keys.Single() : throw Missing("Ledger__ActiveKeyId", "which key signs new ledger blocks");
        if (!keys.ContainsKey(active))
        {
            throw new InvalidOperationException(verifyingOnly.ContainsKey(active)
                ? $"Ledger__ActiveKeyId names '{active}', a retired key (Ledger__VerifyingKeys__{active}): new blocks need a private key in Ledger__SigningKeys__{{id}}."
                : $"Ledger__ActiveKeyId names '{active}', but there is no Ledger__SigningKeys__{active}.");
        }

        return keys;
    }

    /// <summary>The id is kept with each block it signs (ledger_blocks.KeyId): a longer one would stop every block's save.</summary>
    private static string LedgerKeyId(string id, string section) => id.Length <= LedgerBlock.MaxKeyIdLength
        ? id
        : throw new InvalidOperationException($"Ledger__{section}__{id}: a ledger key id is at most {LedgerBlock.MaxKeyIdLength} characters.");

    /// <summary>
    /// A ledger key from PEM or base64 DER: a signing key's private key (PKCS#8), or a retired key's public key alone
    /// (SubjectPublicKeyInfo), refused if private. Kept as DER of that form.
    /// </summary>
    private static byte[] LedgerKey(string? value, string setting, bool isPrivate)
    {
        using var key = ECDsa.Create();
        byte[] der;
        try
        {
            if (value is null || (!isPrivate && value.Contains("PRIVATE KEY", StringComparison.Ordinal)))
            {
                throw new FormatException();
            }

            if (value.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(value);
            }
            else if (isPrivate)
            {
                key.ImportPkcs8PrivateKey(Convert.FromBase64String(value), out _);
            }
            else
            {
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(value), out _);
            }

            // A public key's PEM given as a signing key has no private key to export.
            der = isPrivate ? key.ExportPkcs8PrivateKey() : key.ExportSubjectPublicKeyInfo();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException(isPrivate
                ? $"{setting} must be an ECDSA P-256 private key in PKCS#8 form (PEM, or base64 DER)."
                : $"{setting} must be an ECDSA P-256 public key (SubjectPublicKeyInfo, PEM or base64 DER), not a private key.");
        }

        return key.KeySize == 256 ? der : throw new InvalidOperationException($"{setting} must be a P-256 key, not {key.KeySize} bits.");
    }

    private static AuthSettings ResolveAuth(IConfiguration configuration, bool isDevelopment, LocalKeyStore local)
    {
        var section = configuration.GetSection("Auth");
        var signingKey = Base64Key(section["SigningKey"], "Auth__SigningKey");
        var pem = section["PublicKeyPem"] is { Length: > 0 } p ? p : null;
        var authority = section["Authority"] is { Length: > 0 } a ? a.TrimEnd('/') : null;
        if (authority is not null && !(Uri.TryCreate(authority, UriKind.Absolute, out var authorityUrl) && (authorityUrl.Scheme == Uri.UriSchemeHttps || authorityUrl.Scheme == Uri.UriSchemeHttp)))
        {
            throw new InvalidOperationException("Auth__Authority must be the absolute http(s) URL of the OpenID Connect provider.");
        }

        var nothingConfigured = signingKey is null && pem is null && authority is null;
        if (nothingConfigured && !isDevelopment)
        {
            throw Missing("Auth__SigningKey (or Auth__PublicKeyPem, or Auth__Authority)", "the key that validates bearer tokens");
        }

        if (nothingConfigured)
        {
            signingKey = local.GetOrCreate("signing");
        }

        var issuer = section["Issuer"] is { Length: > 0 } i ? i : isDevelopment ? LocalIssuer : throw Missing("Auth__Issuer", "the expected token issuer");
        var audience = section["Audience"] is { Length: > 0 } au ? au : isDevelopment ? LocalAudience : throw Missing("Auth__Audience", "the expected token audience");
        return new AuthSettings(issuer, audience, signingKey, pem, authority);
    }

    private static Dictionary<string, byte[]> ResolveDataKeys(IConfiguration configuration, bool isDevelopment, LocalKeyStore local, out string active)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var child in configuration.GetSection("Encryption:Keys").GetChildren())
        {
            var key = Base64Key(child.Value, $"Encryption__Keys__{child.Key}");
            if (key is null)
            {
                throw new InvalidOperationException($"Encryption__Keys__{child.Key} is empty: unset it to remove the key, or give its 32 bytes, base64-encoded.");
            }

            if (key.Length != 32)
            {
                throw new InvalidOperationException($"Encryption__Keys__{child.Key} must be exactly 32 bytes (AES-256), base64-encoded.");
            }

            keys[child.Key] = key;
        }

        if (keys.Count == 0)
        {
            if (!isDevelopment)
            {
                throw Missing("Encryption__Keys__{id} and Encryption__ActiveKeyId", "the AES-256 keys for personal data at rest");
            }

            keys[LocalDataKeyId] = local.GetOrCreate("data-" + LocalDataKeyId);
        }

        active = configuration["Encryption:ActiveKeyId"] is { Length: > 0 } id ? id : keys.Count == 1 ? keys.Keys.Single() : throw Missing("Encryption__ActiveKeyId", "which key encrypts new data");
        if (!keys.ContainsKey(active))
        {
            throw new InvalidOperationException($"Encryption__ActiveKeyId names '{active}', but there is no Encryption__Keys__{active}.");
        }

        return keys;
    }

    private static byte[]? Base64Key(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} must be base64.");
        }

        return key.Length >= 32 ? key : throw new InvalidOperationException($"{setting} must be at least 32 bytes.");
    }

    private static InvalidOperationException Missing(string setting, string what) =>
        new($"{setting} is not set: it is {what}. Only the Development environment creates local keys.");
}

/// <summary>
/// Development keys, one file each, readable by the owner only. A key is written to a file of its own, flushed,
/// then moved into place only if no key is there yet: a crash never leaves a partial key, and of two processes
/// starting at once, both use the key that was moved in first.
/// </summary>
internal sealed class LocalKeyStore(string directory)
{
    public byte[] GetOrCreate(string name) => GetOrCreate(name, () => RandomNumberGenerator.GetBytes(32));

    public byte[] GetOrCreate(string name, Func<byte[]> create)
    {
        var path = Path.Combine(directory, name + ".key");
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(directory);
        // One creator at a time, across processes: Move without overwrite checks, then renames, so two creators could
        // each install a key, one replacing the other after the first had read its own.
        using var creating = CreationLock();
        if (File.Exists(path))
        {
            return Read(path);
        }

        var fresh = Path.Combine(directory, $"{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(fresh, FileMode.CreateNew, FileAccess.Write))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(fresh, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(create())));
                file.Flush(flushToDisk: true);
            }

            File.Move(fresh, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first: that one is the key.
        }
        finally
        {
            File.Delete(fresh);
        }

        return Read(path);
    }

    private FileStream CreationLock()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(directory, "create.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(10);
            }
        }
    }

    private static byte[] Read(string path)
    {
        try
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim()) is { Length: > 0 } key
                ? key
                : throw new FormatException("empty");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(
                $"The development key '{path}' is not a base64 key. Delete it to have a new one made only if nothing was stored under it (a new key cannot read old data).");
        }
    }
}
