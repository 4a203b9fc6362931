using System.Security.Cryptography;
using System.Text;
using ClearanceWorkflow.Application.Common;

namespace ClearanceWorkflow.Infrastructure.Security;

/// <summary>
/// AES-256-GCM. A ciphertext reads <c>enc1:{keyId}:{base64(nonce | tag | ciphertext)}</c>, so data written
/// under an older key stays readable after rotation while new writes use the active key.
/// </summary>
public sealed class AesGcmDataProtector(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId) : IDataProtector
{
    private const string Prefix = "enc1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string ActiveKeyId => activeKeyId;

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[activeKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(activeKeyId));
        return $"{PrefixOf(activeKeyId)}{Convert.ToBase64String(output)}";
    }

    public string Unprotect(string ciphertext)
    {
        var keyId = KeyIdOf(ciphertext);
        if (!keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"The data key '{keyId}' is not configured.");
        }

        var data = Convert.FromBase64String(ciphertext[(Prefix.Length + keyId.Length + 1)..]);
        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(keyId));
        return Encoding.UTF8.GetString(plain);
    }

    public string PrefixOf(string keyId) => $"{Prefix}{keyId}:";

    public string KeyIdOf(string ciphertext)
    {
        if (!ciphertext.StartsWith(Prefix, StringComparison.Ordinal) || ciphertext.IndexOf(':', Prefix.Length) is var end && end < 0)
        {
            throw new CryptographicException("Not a ciphertext of this service.");
        }

        return ciphertext[Prefix.Length..end];
    }
}

/// <summary>HMAC-SHA256 under a dedicated key, per purpose: equal inputs give equal indexes, nothing else leaks.</summary>
public sealed class HmacBlindIndex(byte[] key) : IBlindIndex
{
    public string Compute(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\n" + value)));
}
