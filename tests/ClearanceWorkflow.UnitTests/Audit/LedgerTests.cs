using System.Security.Cryptography;
using ClearanceWorkflow.Application.Audit;

namespace ClearanceWorkflow.UnitTests.Audit;

/// <summary>The ledger's Merkle tree (RFC 6962) and its audit paths, against a tree computed here by the definition.</summary>
public sealed class LedgerTests
{
    private static readonly string[] Hashes = [.. Enumerable.Range(0, 17).Select(i => Convert.ToHexStringLower(SHA256.HashData([(byte)i])))];

    [Test]
    public void MerkleRoot_ThreeLeaves_IsTheRfc6962Shape()
    {
        var l = Hashes.Take(3).Select(h => Convert.ToHexStringLower(SHA256.HashData([0x00, .. Convert.FromHexString(h)]))).ToArray();
        var left = Node(l[0], l[1]);
        Assert.That(Ledger.MerkleRoot(Hashes.Take(3).ToList()), Is.EqualTo(Node(left, l[2])));
        Assert.That(Ledger.MerkleRoot(Hashes.Take(1).ToList()), Is.EqualTo(l[0]));
        Assert.That(Ledger.MerkleRoot([]), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData([]))));
    }

    [Test]
    public void AuditPath_EveryLeafOfEverySize_LeadsToTheRoot()
    {
        for (var size = 1; size <= Hashes.Length; size++)
        {
            var leaves = Hashes.Take(size).ToList();
            var root = Ledger.MerkleRoot(leaves);
            for (var i = 0; i < size; i++)
            {
                var path = Ledger.AuditPath(leaves, i);
                Assert.That(Ledger.VerifyPath(leaves[i], i, size, path, root), Is.True, $"leaf {i} of {size}");
                Assert.That(Ledger.VerifyPath(leaves[(i + 1) % size], i, size, path, root), Is.EqualTo(size == 1), $"another leaf at {i} of {size}");
                if (path.Count > 0)
                {
                    var altered = path.ToList();
                    altered[^1] = Hashes[16];
                    Assert.That(Ledger.VerifyPath(leaves[i], i, size, altered, root), Is.False, $"altered path, leaf {i} of {size}");
                    Assert.That(Ledger.VerifyPath(leaves[i], i, size, path.Take(path.Count - 1).ToList(), root), Is.False, $"short path, leaf {i} of {size}");
                }
            }
        }
    }

    private static string Node(string left, string right) =>
        Convert.ToHexStringLower(SHA256.HashData([0x01, .. Convert.FromHexString(left), .. Convert.FromHexString(right)]));
}
