CREATE TABLE "org_generation" (
	"id" integer PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL
);
--> statement-breakpoint
INSERT INTO "org_generation" ("id", "generation") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION "org_generation_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "org_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "organisations_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisations"
	FOR EACH STATEMENT EXECUTE FUNCTION "org_generation_bump"();
