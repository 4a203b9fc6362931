namespace ClearanceWorkflow.Application.Common;

/// <summary>Authenticated encryption of personal data at rest. Ciphertexts name the key that made them.</summary>
public interface IDataProtector
{
    string Protect(string plaintext);

    string Unprotect(string ciphertext);

    /// <summary>The key id new ciphertexts are made with.</summary>
    string ActiveKeyId { get; }

    /// <summary>The key id a ciphertext was made with.</summary>
    string KeyIdOf(string ciphertext);

    /// <summary>What every ciphertext made with <paramref name="keyId"/> begins with, to find in the database the values under other keys.</summary>
    string PrefixOf(string keyId);
}

/// <summary>Keyed blind index (HMAC) for equality lookups on encrypted values.</summary>
public interface IBlindIndex
{
    string Compute(string purpose, string value);
}
