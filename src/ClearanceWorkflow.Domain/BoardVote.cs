namespace ClearanceWorkflow.Domain;

/// <summary>How an appeal board member votes on a denial.</summary>
public enum BoardVoteChoice
{
    Uphold,
    Reverse,
}

/// <summary>One appeal board member's vote on a denial, with the rationale (encrypted).</summary>
public sealed class BoardVote
{
    private BoardVote()
    {
        Member = RationaleCipher = string.Empty;
    }

    internal BoardVote(Guid caseId, string member, BoardVoteChoice vote, string rationaleCipher, DateTime at)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Member = member;
        Vote = vote;
        RationaleCipher = rationaleCipher;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Member { get; private set; }
    public BoardVoteChoice Vote { get; private set; }
    public string RationaleCipher { get; private set; }
    public DateTime At { get; private set; }
}
