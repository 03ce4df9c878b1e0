import { CourseDetail } from "@/components/catalog/course-detail";

export default async function CoursePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ reserve?: string }>;
}) {
  const [{ slug }, { reserve }] = await Promise.all([params, searchParams]);
  return <CourseDetail slug={slug} reserveFor={reserve} />;
}
