-- Reactions given before reactions had a kind: a reaction on a draft decision is a zienswijze, one on a
-- decision, traffic decision or event permit a bezwaar; the rest stay comments.
UPDATE "notice_reactions" r SET "kind" = CASE n."kind"
    WHEN 'draft_decision' THEN 'zienswijze'::"notice_reaction_kind"
    WHEN 'decision' THEN 'bezwaar'::"notice_reaction_kind"
    WHEN 'traffic_decision' THEN 'bezwaar'::"notice_reaction_kind"
    WHEN 'event_permit' THEN 'bezwaar'::"notice_reaction_kind"
    ELSE 'comment'::"notice_reaction_kind" END
  FROM "plan_notices" n WHERE n."id" = r."notice_id";
