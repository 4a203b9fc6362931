using System.Security.Cryptography;
using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.AuditLog;

namespace ClearanceWorkflow.Api.Cli;

/// <summary>
/// Checks an inclusion proof (<c>GET /api/v1/audit/events/{id}/proof</c>) offline: the event's hash from its
/// canonical form, the audit path to the block's root, the block's digest, and its signature under a public key.
/// </summary>
public static class ProofCheck
{
    /// <summary>Null when the proof holds; otherwise why not.</summary>
    public static string? Problem(string proofJson, string publicKeyPem)
    {
        GetEventProof.Proof? proof;
        try
        {
            proof = JsonSerializer.Deserialize<GetEventProof.Proof>(proofJson, Json.Options);
        }
        catch (JsonException ex)
        {
            return $"the proof is not valid JSON of a proof ({ex.Message})";
        }

        if (proof is not { Event: { Sequence: { } sequence, Hash: { } hash, PreviousHash: { } previousHash } e, Path: { } path, Root: { } root, Digest: { } digest }
            || e.Actor is null || e.Action is null || e.Detail is null || digest.Root is null || digest.PreviousHash is null || digest.Hash is null
            || digest.Signature is null || digest.KeyId is null)
        {
            return "the proof lacks a sealed event, its path, root or block digest";
        }

        if (AuditEvent.HashOf(AuditEvent.CanonicalForm(sequence, e.Id, e.At, e.Actor, e.Action, e.CaseId, e.Detail, previousHash)) != hash)
        {
            return "the event's hash does not match its content";
        }

        if (!Ledger.VerifyPath(hash, proof.LeafIndex, proof.TreeSize, path, root))
        {
            return "the path does not lead from the event's hash to the root";
        }

        if (root != digest.Root || proof.Block != digest.Block || proof.Signature != digest.Signature || proof.KeyId != digest.KeyId
            || sequence != digest.FirstSequence + proof.LeafIndex || proof.TreeSize != digest.Events - digest.FirstSequence + 1)
        {
            return "the proof does not match its block's digest";
        }

        var header = digest.Header();
        if (AuditEvent.HashOf(header) != digest.Hash)
        {
            return "the block's hash does not match its header";
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
        }
        catch (Exception ex) when (ex is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return "the public key is not a PEM ECDSA key";
        }

        // ImportFromPem takes a private key too, in any block of the file, and verifies with its public half: a verifier must never hold one.
        if (HasPrivatePart(key))
        {
            return "the key file holds a private key: give the ledger's public key";
        }

        return LedgerSigner.Verify(key, header, digest.Signature) ? null : "the block's signature does not verify with this public key";
    }

    private static bool HasPrivatePart(ECDsa key)
    {
        try
        {
            key.ExportParameters(includePrivateParameters: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
