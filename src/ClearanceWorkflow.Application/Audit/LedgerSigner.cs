using System.Security.Cryptography;
using System.Text;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// The ledger's ECDSA P-256 keys by id: the active one signs new blocks, every one verifies (a rotated key
/// stays for the blocks it signed). Signatures are over UTF-8 text with SHA-256, IEEE P1363, base64.
/// </summary>
public sealed class LedgerSigner : IDisposable
{
    private readonly IReadOnlyDictionary<string, ECDsa> _keys;

    public LedgerSigner(IReadOnlyDictionary<string, ECDsa> keys, string activeKeyId)
    {
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new ArgumentException($"There is no ledger key '{activeKeyId}'.", nameof(activeKeyId));
        }

        _keys = keys;
        ActiveKeyId = activeKeyId;
    }

    public string ActiveKeyId { get; }

    /// <summary>Key id and SubjectPublicKeyInfo PEM of every key, for checking proofs offline.</summary>
    public IReadOnlyList<(string KeyId, string PublicKeyPem)> PublicKeys =>
        [.. _keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value.ExportSubjectPublicKeyInfoPem()))];

    public (string KeyId, string Signature) Sign(string text) =>
        (ActiveKeyId, Convert.ToBase64String(_keys[ActiveKeyId].SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256)));

    /// <summary>False for an unknown key id or a signature that is not base64.</summary>
    public bool Verify(string text, string keyId, string signature) =>
        _keys.TryGetValue(keyId, out var key) && Verify(key, text, signature);

    public static bool Verify(ECDsa publicKey, string text, string signature)
    {
        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var written)
            && publicKey.VerifyData(Encoding.UTF8.GetBytes(text), bytes.AsSpan(0, written), HashAlgorithmName.SHA256);
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}

/// <summary>Wakes the sealer after a commit, so events are sealed well before its next poll.</summary>
public sealed class SealRequests : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the sealer; each audit event's commit calls it, so an already pending wake is left as it is, without a throw.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Woken by another commit in between.
        }
    }

    /// <summary>Returns when woken or after <paramref name="interval"/>.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => _wake.WaitAsync(interval, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
