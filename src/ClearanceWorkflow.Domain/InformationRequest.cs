namespace ClearanceWorkflow.Domain;

/// <summary>Questions an adjudicator put to the applicant, and the answers.</summary>
public sealed class InformationRequest
{
    private InformationRequest()
    {
        QuestionsCipher = RequestedBy = string.Empty;
    }

    internal InformationRequest(Guid caseId, string questionsCipher, string requestedBy, DateTime at)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        QuestionsCipher = questionsCipher;
        RequestedBy = requestedBy;
        RequestedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string QuestionsCipher { get; private set; }
    public string? AnswersCipher { get; private set; }
    public string RequestedBy { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public DateTime? AnsweredAt { get; private set; }

    internal void Answer(string answersCipher, DateTime at)
    {
        AnswersCipher = answersCipher;
        AnsweredAt = at;
    }
}
